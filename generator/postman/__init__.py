"""Postman's runtime semantics, reimplemented: what a collection request really sends."""
