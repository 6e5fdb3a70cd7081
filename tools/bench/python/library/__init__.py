"""Django models of the library database that @tessera/datasets builds (tools/datasets/src/library-db.ts), for
the bench's Django ORM rows. Unmanaged: the tables are the ones knex created, read as they are."""
