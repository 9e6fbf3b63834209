"""Machine drafts: ``settings`` (an engine's configuration), ``placeholders`` (markup hidden from the
engine), ``engines`` (the protocol, retries and the deep-translator adapter), ``answers`` (the
cache of paid answers), ``prefill`` (planning and running a fill over a project)."""
