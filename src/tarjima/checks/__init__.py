"""Quality checks on translations: ``registry`` (the check protocol and suppressions), ``inline``
(how a text's inline Markdown is read), ``rules``, ``copied``, ``apostrophe``, ``alphabet`` and
``glossary`` (the checks), ``run`` (every check, in its order, on one pair)."""
