"""Bytes to article: the raw folder, decoding, web pages, and the typed blocks of one cleaned text."""
