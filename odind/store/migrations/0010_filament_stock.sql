-- Filament as stock: reorder points and preferred suppliers per material and colour (in grams),
-- FIFO cost layers per material and colour (one per bought spool), the RFID tag an AMS reads off a
-- spool, and what the filament of each print attempt really cost.

CREATE TABLE filament_reorder (
    material TEXT NOT NULL,
    colour TEXT NOT NULL DEFAULT '',
    reorder_point_g TEXT NOT NULL,
    reorder_spools INTEGER NOT NULL DEFAULT 0,
    grams_per_spool TEXT NOT NULL,
    spool_cost TEXT,
    supplier TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (material, colour)
);

CREATE TABLE filament_layers (
    id INTEGER PRIMARY KEY,
    material TEXT NOT NULL,
    colour TEXT NOT NULL DEFAULT '',
    spool_id INTEGER NOT NULL REFERENCES spools(id),
    purchased_on TEXT NOT NULL,
    grams TEXT NOT NULL,
    total_cost TEXT NOT NULL,
    supplier TEXT,
    reference TEXT,
    remaining_g TEXT NOT NULL,
    remaining_cost TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX filament_layers_material ON filament_layers(material, colour);
CREATE UNIQUE INDEX filament_layers_spool ON filament_layers(spool_id);

ALTER TABLE spools ADD COLUMN tag_uid TEXT;
ALTER TABLE attempt_filament ADD COLUMN cost TEXT;
