"""Read models of the public structure: plain dicts built from ``.values()`` rows, in a fixed
number of queries whatever the size of the region, ready for orjson."""
