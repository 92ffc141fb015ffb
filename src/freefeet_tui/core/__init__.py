"""The pure core of freefeet: lessons, the timing engine and everything that needs no UI.

Nothing in this package imports Textual or an audio library; a test enforces it.
"""
