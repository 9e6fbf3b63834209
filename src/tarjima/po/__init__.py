"""PO files: ``read`` (strict, with line numbers and charsets), ``write`` and ``wrap`` (GNU layout), ``quick`` (fast paths)."""
