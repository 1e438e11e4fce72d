"""sections layer."""
