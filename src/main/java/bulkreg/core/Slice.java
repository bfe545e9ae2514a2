package bulkreg.core;

import java.util.List;

/**
 * One slice of a listing read by key (after a given item), as cursor-based fronts page: the items, whether
 * more follow, and the number of items across the whole listing.
 */
public record Slice<T>(List<T> items, boolean hasMore, long total) {

    public Slice {
        items = List.copyOf(items);
    }
}
