package bulkreg.core;

import java.util.List;

/** One page of a listing and the number of items across all pages. */
public record Page<T>(List<T> items, PageRequest request, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
