"""The front doors: the FastAPI service and the ``chainatlas`` command line."""
