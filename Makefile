# dyad: make demo | make test | make build | make bench | make fuzz
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
DEMO_PORT ?= 8080

.PHONY: deps build demo test bench fuzz clean

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DDYAD_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@echo "== dyad extract examples/ (dyad/1 JSON Lines, one article per line)"
	@$(BUILD)/dyad extract --sentences examples/
	@echo
	@echo "== dyad parse examples/rain-delays-election.txt (CoNLL-U)"
	@$(BUILD)/dyad parse examples/rain-delays-election.txt | head -40
	@echo
	@echo "== dyad ingest examples/ -> $(BUILD)/demo.db, then the dashboard (Ctrl-C stops it)"
	@rm -f $(BUILD)/demo.db $(BUILD)/demo.db-wal $(BUILD)/demo.db-shm
	@$(BUILD)/dyad ingest --quiet --db $(BUILD)/demo.db examples/
	@$(BUILD)/dyad serve --db $(BUILD)/demo.db --port $(DEMO_PORT)

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

bench: build
	@bash bench/run.sh $(BUILD)

fuzz: deps
	@cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DDYAD_FUZZ=ON -DDYAD_TESTS=OFF >/dev/null
	@cmake --build build-fuzz -j $(JOBS)

clean:
	rm -rf $(BUILD) build-fuzz
