"""``python -m chainatlas`` is the ``chainatlas`` command."""

from chainatlas.api.cli import main

if __name__ == "__main__":
    main()
