"""Catalogues as data, objects in, objects out: a report's template (template), the GNU-style merge (merge, with
fuzzy matching and review marks), counts (counts), the one answer to whether a catalogue is current with its
source (current), and the earlier translation a build may keep online (earlier). This face hands their names on."""

from tarjima.catalog.counts import counts, gnu_state
from tarjima.catalog.current import DIGEST_HEADER, difference, is_current, merged_from, recorded_digest, texts_key
from tarjima.catalog.earlier import earlier_translation, revision_date
from tarjima.catalog.merge import EARLIER_COMMENT, carry, earlier_mark, edited_since_kept, fuzz, merge, plural_count, retire, spent_marks, worth_keeping
from tarjima.catalog.template import new_catalog, role_comment, template, template_headers, words

__all__ = ["DIGEST_HEADER", "EARLIER_COMMENT", "carry", "counts", "difference", "earlier_mark", "earlier_translation", "edited_since_kept", "fuzz", "gnu_state",
           "is_current", "merge", "merged_from", "new_catalog", "plural_count", "recorded_digest", "retire", "revision_date", "role_comment", "spent_marks", "template",
           "template_headers", "texts_key", "words", "worth_keeping"]
