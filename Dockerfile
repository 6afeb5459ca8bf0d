# A slim image with the content baked in; runs as an unprivileged user. The base image is pinned by version.
FROM python:3.11.10-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    USAGE_DB_PATH=/var/lib/legweakness-bot/bot.sqlite3 \
    LOCAL_MODE=off

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
COPY data ./data
COPY locales ./locales
COPY local_discord ./local_discord
RUN pip install . \
    && useradd --system --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin botuser \
    && mkdir -p /var/lib/legweakness-bot \
    && chown botuser /var/lib/legweakness-bot \
    && rm -rf /app/bot /app/cogs /app/data /app/local_discord

# Run from a folder with no source in it, so the installed package (and its bundled content) is what runs.
WORKDIR /var/lib/legweakness-bot
USER botuser
VOLUME ["/var/lib/legweakness-bot"]
# Ready and connected: the bot writes a heartbeat every 5 s (bot/cluster/heartbeat.py); this reads it.
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 CMD ["python", "-m", "bot", "health"]
# LOCAL_MODE=off: without DISCORD_TOKEN the bot exits 2 with one line, instead of starting the offline console.
CMD ["python", "-m", "bot"]
