#!/usr/bin/env bash
# digest qop without client nonce
curl \
  --url http://echo.test:8080/digest-qop \
  --header 'Authorization: Digest username="u", realm="r", nonce="n", uri="/digest-qop", algorithm="MD5", qop=auth, nc=00000001, cnonce="undefined", response="4be37bbb5588d92db0c2262a47205c00"'
