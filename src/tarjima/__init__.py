"""tarjima: a multilingual publishing workflow for event reports.

Reports are written once as Markdown with YAML front matter; their translations
live in gettext PO catalogues. The package is a library first: ``cli`` is a thin
layer over ``project`` (the pipelines), which reads and writes through ``files``
and ``pofile`` and transforms the pure data of ``model`` and ``catalog``.
"""

__version__ = "0.1.0"
