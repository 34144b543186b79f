"""Data shipped with ChainAtlas, importable as ``chainatlas.data``: the demo panorama bundle
(``demo/``, what ``chainatlas demo`` serves) and the hand-kept catalogue it is derived from
(``catalogue/``, see its README and ``scripts/build_demo.py``)."""
