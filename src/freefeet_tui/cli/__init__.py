"""The ``freefeet`` command line: :mod:`.main` dispatches to one module per command group."""
