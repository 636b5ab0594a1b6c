#!/usr/bin/env bash
# digest precomputed
curl \
  --url 'http://echo.test:8080/digest?x=1' \
  --header 'Authorization: Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/digest?x=1", algorithm="MD5", response="4ac95155f72429c09259b543a23bdc57", opaque="5ccc069c403ebaf9f0171e9517f40e41"'
