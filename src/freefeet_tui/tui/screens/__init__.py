"""The app's screens: lessons, lesson details, the player, its quit dialog and finished view."""
