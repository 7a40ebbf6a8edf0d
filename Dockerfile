FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY redline ./redline
COPY plans ./plans
COPY articles ./articles
RUN pip install .

COPY . .
RUN useradd --create-home redline && chown -R redline /app
USER redline

EXPOSE 8000
CMD ["gunicorn", "redline.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
