"""Diagnostics en direct : le dépôt gardé en mémoire (`espace`), le serveur de langage
`cte lsp` (`serveur`) et `cte validate --surveiller` (`surveillance`). docs/editeur.md."""
