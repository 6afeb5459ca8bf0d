# A slim image with the content baked in; runs as an unprivileged user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    USAGE_DB_PATH=/var/lib/legweakness-bot/bot.sqlite3

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
COPY data ./data
RUN pip install . \
    && useradd --system --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin botuser \
    && mkdir -p /var/lib/legweakness-bot \
    && chown botuser /var/lib/legweakness-bot \
    && rm -rf /app/bot /app/cogs /app/data

# Run from a folder with no source in it, so the installed package (and its bundled content) is what runs.
WORKDIR /var/lib/legweakness-bot
USER botuser
VOLUME ["/var/lib/legweakness-bot"]
CMD ["python", "-m", "bot"]
