"""Decision kernels: a readable reference, its numba twin, and the dispatch between them.

``_ref`` is readable Python, ``_jit`` its numba twin, ``dispatch`` picks one and warms it up at
start-up; ``layout`` is the packed memory layout they share with the compiler.
"""
