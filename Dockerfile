# The portal's production image: gunicorn for web, the same image for Celery worker and beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORTAL_VAR_DIR=/var/lib/portal

# WeasyPrint renders through Pango (and fontconfig, with DejaVu as the fallback font; the
# Lampiran's own fonts ship in static/fonts); gettext compiles the translations.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY config ./config
COPY orgchart ./orgchart
COPY regulations ./regulations
COPY coordination ./coordination
COPY apitools ./apitools
RUN pip install --no-cache-dir .
COPY . .
# collectstatic needs production settings, which refuse a weak key: a throwaway strong one.
RUN DJANGO_DEBUG=0 DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
    python manage.py collectstatic --noinput \
    && mkdir -p /var/lib/portal && useradd --system portal && chown portal /var/lib/portal
USER portal
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
