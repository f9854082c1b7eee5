"""The assistant served to a browser (`choice-assistant serve`): access, who is at the keyboard, files, the server.

Only `keyboard` and `delivery` are imported by the app itself; `server` (and the web libraries) only by `serve`.
"""
