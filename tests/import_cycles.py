"""Provides `find_cycles`: the import cycles among a package's modules, found with grimp.

Run as a script (`python tests/import_cycles.py PACKAGE`) it prints one cycle per line and exits 1
when there is any, so a test can run it on a copy of the code in another folder.
"""

from __future__ import annotations

import sys


def find_cycles(package: str) -> list[list[str]]:
    """Each group of modules that import one another in a circle (strongly connected components
    of the import graph with more than one module, or a module importing itself), sorted."""
    import grimp

    graph = grimp.build_graph(package, exclude_type_checking_imports=True)
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0

    for root in modules:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in edges.get(node, ()):
                    groups.append(sorted(group))
    return sorted(groups)


if __name__ == "__main__":
    cycles = find_cycles(sys.argv[1] if len(sys.argv) > 1 else "tui_office")
    for cycle in cycles:
        print(" <-> ".join(cycle))
    raise SystemExit(1 if cycles else 0)
