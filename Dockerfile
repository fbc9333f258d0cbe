# 财报助手 caibao: the webhook server. Build: docker build -t caibao .  Run: docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin caibao

# Install from a throwaway copy, so the running code is the installed package only.
COPY . /src
RUN pip install /src && rm -rf /src

WORKDIR /app
COPY --chown=caibao:caibao knowledge/reports /app/knowledge/reports
RUN mkdir -p /app/tmp /app/data && chown caibao:caibao /app/tmp /app/data

# jieba writes its dictionary cache to the temp dir (there is no other setting for it) and
# reads it back at start-up; a temp dir baked into the image keeps the warmed cache even
# when /tmp is a tmpfs.
ENV TMPDIR=/app/tmp \
    KNOWLEDGE_DIR=/app/knowledge/reports \
    DATA_DIR=/app/data

USER caibao
# Warm as the user that runs the bot: a cache written by root would be unreadable (jieba
# creates it 0600) and could not be replaced, so every start would rebuild it (~1 s).
# chmod keeps it readable when the container runs under another uid.
RUN python -c "import jieba; jieba.initialize()" && chmod a+r /app/tmp/jieba.cache

EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status == 200 else 1)"]

CMD ["python", "-m", "bot", "serve", "--host", "0.0.0.0", "--port", "8080"]
