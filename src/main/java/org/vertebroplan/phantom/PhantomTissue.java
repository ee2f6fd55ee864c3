package org.vertebroplan.phantom;

/**
 * The tissues of the phantom and their nominal CT numbers (HU, before noise). Values are typical of
 * clinical CT at 120 kVp: fat -100, muscle 50, CSF 15, disc 80, osteoporotic cancellous bone 150,
 * cortical shell 900 (thin, so partial volume lowers what a scan shows), metal skin markers 3000; for
 * thoracic levels also aerated lung -850 and the articular cartilage of the rib joints 100.
 */
public enum PhantomTissue {
    AIR(-1000),
    TABLE_SHELL(300),
    TABLE_CORE(-850),
    SKIN(10),
    FAT(-100),
    SOFT_TISSUE(35),
    MUSCLE(50),
    KIDNEY(30),
    BLOOD(40),
    CSF(15),
    DISC(80),
    CORTICAL_BONE(900),
    CANCELLOUS_BONE(150),
    MARKER(3000),
    LUNG(-850),
    CARTILAGE(100);

    private final int hu;

    PhantomTissue(int hu) {
        this.hu = hu;
    }

    public int hu() {
        return hu;
    }

    /** Only the thoracic levels have it (the lumbar truth.json lists the other tissues only). */
    public boolean thoracicOnly() {
        return this == LUNG || this == CARTILAGE;
    }

    /** Lower-case JSON name, e.g. "cortical_bone". */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
