# ChainAtlas API image. Build: docker build -t chainatlas:local .   (docker-compose.yml does it)
# Everything is installed at build time; the container downloads nothing when it runs.

# --- build: install the project and its dependencies into a virtualenv --------------------
FROM python:3.11-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /src
# .dockerignore keeps .git, virtualenvs, caches, tests and any .env out of the context.
COPY . .
RUN pip install . \
    && chainatlas --help >/dev/null

# --- runtime: the virtualenv and a non-root user, nothing else ----------------------------
FROM python:3.11-slim AS runtime

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CHAINATLAS_HOME=/var/lib/chainatlas

RUN groupadd --system --gid 10001 chainatlas \
    && useradd --system --uid 10001 --gid chainatlas --no-log-init \
        --home-dir /var/lib/chainatlas --create-home --shell /usr/sbin/nologin chainatlas

COPY --from=build /opt/venv /opt/venv

# Numeric so that orchestrators can verify the user is not root without reading /etc/passwd.
USER 10001:10001
WORKDIR /var/lib/chainatlas

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/api/health', timeout=4).status == 200 else 1)"]

CMD ["chainatlas", "serve", "--host", "0.0.0.0", "--port", "8000"]
