"""The one place the version of ropa is written (pyproject.toml reads it from here)."""

__version__ = "0.1.0"
"""The version of ropa; `ropa --version` prints the same.

Examples:
    >>> import ropa
    >>> ropa.__version__
    '0.1.0'
"""
