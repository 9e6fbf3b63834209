"""The site: ``publish`` decides which versions are published (a pure decision), ``render`` turns
segments into sanitized HTML, ``pages`` and ``listings`` make each page's context, ``renderer``
holds the Jinja2 environments, ``output`` writes folders, ``export`` the Markdown and JSON
outputs, ``manifest`` remembers the last build, and ``build`` orchestrates: gather, then write."""
