#!/usr/bin/env bash
# digest qop without client nonce
curl \
  --url http://echo.test:8080/digest-qop \
  --header 'Authorization: Digest username="u", realm="r", nonce="n", uri="/digest-qop", algorithm="MD5", qop=auth, nc=00000001, cnonce="undefined", response="2f27bd704391b708efad2cf46a7dd311"'
