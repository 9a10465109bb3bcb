"""Name keys: moved to warlog.normalize (the one module for folding names); kept so old imports work."""

from warlog.normalize import arabic_key, ascii_fold, key, skeleton, surface

__all__ = ["arabic_key", "ascii_fold", "key", "skeleton", "surface"]
