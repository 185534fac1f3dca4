"""Lab stand-ins for the service's compiled modules (`*.cpython-38-*.so` in production)."""
