"""Widgets shared by the screens; lesson text is always shown literally."""
