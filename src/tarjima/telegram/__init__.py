"""Telegram posts of published versions: ``posts`` (the payloads, pure), ``state`` (what was sent: ``published/telegram.csv``),
``settings`` (bot token, chats, API address), ``api`` (the Bot API over HTTP), ``plan`` (what the last build published and what
to send, edit or delete) and ``send`` (doing it, the intent recorded before each send)."""
