"""``est-geo basemap extract``: a municipality cut out of a country archive, and a peer.

Run: ``.venv/bin/python bench/bench_basemap_extract.py [--max-zoom 11] [--repeats 3]``

The source stands in for a country or county build: a vector PMTiles archive over a box
around Östergötland (14.4–17.2° E, 57.7–59.1° N), zoom 0..``--max-zoom``, every tile
different (``tests.pmtiles_archives.varied_vector_archive``, the builder the tests use;
kept in /tmp and reused; a whole-Sweden box at zoom 14 would take hours to build here).
Cut out: Norrköping municipality's box (about 15.4–16.95° E, 58.3–58.9° N) at every zoom
0..``--max-zoom``, as an operator does with a Sweden file.

Printed, in one run, alternating the two ``repeats`` times (median wall and CPU s):

* ``extract`` — :func:`est_geo.maps.basemap.extract` (one mmap, directories cached);
* peer — the pmtiles library's own way: walk every tile of the source (``all_tiles``)
  and write those inside the box with its ``Writer`` (its ``Reader.get`` per tile parses
  the header and directories again for every tile: 9 tiles/s at zoom 11 here, too slow to repeat);
* the CLI end to end (``python -m est_geo basemap extract``: start-up, imports, print);
* that both outputs hold the same tiles byte for byte; tiles/s, sizes, peak RSS and the
  load average before and after (2 shared cores: wall includes waiting for a CPU).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pmtiles.reader import MmapSource, Reader, all_tiles
from pmtiles.tile import zxy_to_tileid
from pmtiles.writer import Writer

from est_geo.maps.basemap import _tile_ids, extract, read_archive
from tests.pmtiles_archives import varied_vector_archive

#: The source archive's box (around Östergötland, degrees west, south, east, north).
COUNTY = (14.4, 57.7, 17.2, 59.1)
#: Norrköping municipality's box, roughly.
KOMMUN = (15.4, 58.3, 16.95, 58.9)


def source_archive(max_zoom: int) -> Path:
    path = Path(f"/tmp/bench_basemap_county_z{max_zoom}.pmtiles")
    if not path.exists():
        start = time.perf_counter()
        print(f"building {path} (zoom 0–{max_zoom}, distinct tiles) …", flush=True)
        varied_vector_archive(path, bbox=COUNTY, min_zoom=0, max_zoom=max_zoom)
        print(f"  built in {time.perf_counter() - start:.1f} s", flush=True)
    return path


def peer_extract(source: Path, target: Path, max_zoom: int) -> int:
    """The pmtiles library's way: walk every tile of the source, keep those in the box."""
    wanted = set(_tile_ids(KOMMUN, 0, max_zoom))
    written = 0
    with source.open("rb") as src, target.open("wb") as out:
        get_bytes = MmapSource(src)
        reader = Reader(get_bytes)
        header, metadata = reader.header(), reader.metadata()
        writer = Writer(out)
        for (z, x, y), data in all_tiles(get_bytes):
            tile_id = zxy_to_tileid(z, x, y)
            if tile_id in wanted:
                writer.write_tile(tile_id, data)
                written += 1
        west, south, east, north = KOMMUN
        header.update(
            min_lon_e7=int(west * 1e7),
            min_lat_e7=int(south * 1e7),
            max_lon_e7=int(east * 1e7),
            max_lat_e7=int(north * 1e7),
        )
        writer.finalize(header, metadata)
    return written


def tiles_of(path: Path) -> dict[tuple[int, int, int], bytes]:
    with path.open("rb") as fh:
        return dict(all_tiles(MmapSource(fh)))


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    start, start_cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - start_cpu


def cli(source: Path, target: Path, max_zoom: int) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the child) of the command end to end."""
    box = ",".join(str(v) for v in KOMMUN)
    command = [sys.executable, "-m", "est_geo", "basemap", "extract", str(source), str(target)]
    command += ["--bbox", box, "--minzoom", "0", "--maxzoom", str(max_zoom)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-zoom", type=int, default=14)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    load_before = os.getloadavg()
    source = source_archive(args.max_zoom)
    info = read_archive(source)
    print(
        f"source: {info.tiles:,} tiles, zoom {info.min_zoom}–{info.max_zoom}, "
        f"{info.size / 1e6:.1f} MB"
    )
    ours, peer = Path("/tmp/bench_basemap_ours.pmtiles"), Path("/tmp/bench_basemap_peer.pmtiles")
    runs: dict[str, list[tuple[float, float]]] = {"extract": [], "peer": []}
    cli_wall: list[tuple[float, float]] = []
    for _ in range(args.repeats):
        runs["extract"].append(timed(lambda: extract(source, ours, KOMMUN, 0, args.max_zoom)))
        runs["peer"].append(timed(lambda: peer_extract(source, peer, args.max_zoom)))
        cli_wall.append(cli(source, ours, args.max_zoom))
    out = read_archive(ours)
    same = tiles_of(ours) == tiles_of(peer)
    print(f"cut out: box {KOMMUN}, {out.tiles:,} tiles, {out.size / 1e6:.1f} MB")
    print(f"same tiles as the peer's, byte for byte: {same}")
    for name, values in runs.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        print(f"{name:8s} {wall:7.3f} s wall  {cpu:7.3f} s CPU  {out.tiles / wall:9,.0f} tiles/s")
    print(
        f"CLI      {statistics.median(w for w, _ in cli_wall):7.3f} s wall  "
        f"{statistics.median(c for _, c in cli_wall):7.3f} s CPU  (start-up and imports included)"
    )
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    after = os.getloadavg()
    print(
        "load average before "
        + " ".join(f"{v:.2f}" for v in load_before)
        + ", after "
        + " ".join(f"{v:.2f}" for v in after)
        + f" (nproc {os.cpu_count()})"
    )
    for path in (ours, peer):
        path.unlink(missing_ok=True)
    if not same:
        raise SystemExit("extract and peer differ")


if __name__ == "__main__":
    main()
