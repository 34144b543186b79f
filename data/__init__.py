"""The demo bundle shipped with ChainAtlas (data/demo), importable as ``chainatlas_data``."""
