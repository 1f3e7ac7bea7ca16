#!/usr/bin/python3
"""Xapian 1.4.22 crashes (SIGSEGV, a read of freed memory) in Enquire.get_mset for OP_MAX over
several databases once the MSet fills and the matcher prunes by weight, when the alternatives share
their terms: the same OP_AND twice, an OP_AND and itself scaled, an OP_PHRASE and the OP_AND of its
words (2 or 4 databases); an OP_AND and the OP_OR of its words (4 databases, not 2).
Pith met it with a query analyzed in two languages that analyze it alike (searcher.cpp,
unpruned_page()). No collapse key, match decider or cutoff is needed; an MSet that can hold every
match (no pruning) and a single database do not crash.

Usage: scripts/xapian-op-max-crash.py SHAPE MSET_SIZE DATABASES   (exit 139: the crash)
  SHAPE: same-and | phrase-and | scaled-and | overlapping-and | and-or
"""
import shutil
import sys
import tempfile

import xapian

Q = xapian.Query


def build(path, documents):
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    for i in range(documents):
        doc = xapian.Document()
        doc.add_term("a")
        if i % 2:
            doc.add_term("b")
        if i % 3:
            doc.add_term("c")
        db.add_document(doc)
    db.commit()


def main():
    shape, mset_size, databases = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    both = Q(Q.OP_AND, [Q("a"), Q("b")])
    shapes = {
        "same-and": [both, Q(Q.OP_AND, [Q("a"), Q("b")])],                 # crashes
        "phrase-and": [Q(Q.OP_PHRASE, [Q("a"), Q("b")]), both],            # crashes
        "scaled-and": [both, Q(Q.OP_SCALE_WEIGHT, both, 1.0001)],          # crashes
        "overlapping-and": [both, Q(Q.OP_AND, [Q("a"), Q("c")])],          # did not here
        "and-or": [both, Q(Q.OP_OR, [Q("a"), Q("b")])],                    # with 4 databases
    }
    tmp = tempfile.mkdtemp()
    try:
        db = xapian.Database()
        for k in range(databases):
            build(f"{tmp}/db{k}", 100)
            db.add_database(xapian.Database(f"{tmp}/db{k}"))
        enquire = xapian.Enquire(db)
        enquire.set_query(Q(Q.OP_MAX, shapes[shape]))
        # 50 matches per database: a size below the total fills the MSet and prunes.
        print(shape, "matches:", enquire.get_mset(0, mset_size).size())
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
