"""XLIFF for CAT tools, 1.2 or 2.1: one document per report and target language, and back into its PO catalogue.

Each active singular entry is a unit: the msgid as its source, the msgstr as its target (none
while empty), notes for the role (``#.``), the places (``#:``) and the translator's comments,
and its state. A Markdown block's inline markup is written as inline codes, so that a CAT tool
shows and protects it, and comes back as the same Markdown (``codes``): emphasis, strong
emphasis and links as paired codes (``<g>`` in 1.2, ``<pc>`` in 2.1), code spans, hard line
breaks, images, autolinks and raw HTML as placeholders (``<x/>``, ``<ph/>``). Units keep their
whitespace (``xml:space="preserve"``).

    PO             XLIFF 1.2 (<target state>, approved)     XLIFF 2.1 (<segment state>)
    untranslated   no target                                 initial
    fuzzy          needs-review-translation                  translated
    translated     translated, approved="yes"                final

Back from the CAT tool (``take``): a unit with no target changes nothing (an entry is never
emptied); an approved target (1.2: ``approved="yes"``, ``final`` or ``signed-off``; 2.1:
``reviewed`` or ``final``) is translated, and loses its fuzzy flag and ``#|`` previous text, as
after a review in Poedit; any other target is fuzzy. Units are found by their source, so a
catalogue updated in the meantime still takes the translations of the texts it still has. Each
unit records the translation it was exported with (``tj:base``): when the PO catalogue changed
that entry since, and the CAT tool changed it too, the import keeps the catalogue's and names the
conflict. Nothing else in the catalogue changes: a round trip with no edits writes no byte.
"""

from __future__ import annotations

from tarjima.exchange.xliff.take import Skipped, XliffImport, import_xliff
from tarjima.exchange.xliff.units import VERSIONS
from tarjima.exchange.xliff.write import export, file_name

__all__ = ["VERSIONS", "Skipped", "XliffImport", "export", "file_name", "import_xliff"]
