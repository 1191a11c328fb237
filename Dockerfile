# The CICTE tracker's image: one image for the app servers (default command), the worker and
# the release step (deploy/worker.sh, deploy/migrate.sh); see README "Deployment" and
# compose.yaml. Its commands are the deploy/ scripts that tests/deploy runs directly.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH \
    STATIC_ROOT=/app/staticfiles \
    PRIVATE_STORAGE_ROOT=/data/private \
    PORT=8000

RUN python -m venv /opt/venv
WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .

# Static files hashed and compressed at build time, served by WhiteNoise from the image. The
# key below exists for this step only (settings refuse DEBUG off without one); the running
# containers get their own SECRET_KEY.
RUN DEBUG=false SECRET_KEY=collectstatic-at-build-time-only ALLOWED_HOSTS=localhost deploy/collectstatic.sh

# Never root at run time: the code and static files belong to root and are read-only to the
# app; only the private storage folder (a shared volume when PRIVATE_STORAGE=filesystem) is its.
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin cicte \
    && mkdir -p /data/private && chown cicte:cicte /data/private
USER cicte

EXPOSE 8000
CMD ["deploy/web.sh"]
