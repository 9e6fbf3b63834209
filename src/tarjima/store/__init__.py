"""Every cache of tarjima (``.tarjima-cache/``), behind one key rule and one error policy.

The key rule: a cache's values are valid for tarjima's version, the code that made them (the
digest of its modules and of every tarjima module they import, found by reading the imports)
and the inputs the caller names; a cache made under another key starts empty. So an upgrade,
or an edit of one module, invalidates exactly the caches whose results depend on it.

The error policy: a cache is never a source of truth. A missing, unreadable or foreign file is
empty; a cache that cannot be written (a read-only checkout) is simply not saved; writes are
atomic, so a crash leaves the old file or the new one. Values must be plain data (marshal).
"""

from tarjima.store.cache import Cache, Stamp, StatIndex, folder, load, read, read_kept, stamp, write
from tarjima.store.keys import FORMAT, PACKAGE, RACY_NS, Plain, code_digest, dependencies, digest, key_of, scope
from tarjima.store.lock import ProjectLock

__all__ = ["FORMAT", "PACKAGE", "Plain", "RACY_NS", "Cache", "ProjectLock", "Stamp", "StatIndex", "code_digest", "dependencies", "digest", "folder",
           "key_of", "load", "read", "read_kept", "scope", "stamp", "write"]
