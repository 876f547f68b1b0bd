"""`odoolint server`: a language server over stdio (pygls, lsprotocol) on the same engine as `odoolint check`."""
