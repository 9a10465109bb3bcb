"""The fuse stage."""
