"""The Textual interface: lessons list, lesson details and the lesson player.

Built by :func:`freefeet_tui.tui.app.create_app`, the one entry point for the CLI and tests.
"""
