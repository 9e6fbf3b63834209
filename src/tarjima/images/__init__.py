"""Photos of reports: derivatives made with Pillow (``derive``), kept by content (``cache``), and what pages need of them (``photos``)."""
