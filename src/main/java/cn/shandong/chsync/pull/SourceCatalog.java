package cn.shandong.chsync.pull;

import cn.shandong.chsync.SyncProperties;
import cn.shandong.chsync.mapping.MappingDefinition;
import cn.shandong.chsync.mapping.MappingLoader;
import cn.shandong.chsync.mapping.PageReader;
import cn.shandong.chsync.mapping.RecordMapper;
import cn.shandong.chsync.record.RecordValidator;
import cn.shandong.chsync.security.PlatformAddresses;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The platforms this service pulls from: one per mapping file, read and checked when the
 * application starts, so a bad file stops start-up with its name and field.
 */
@Component
public class SourceCatalog {

    // Concurrent: a reload (SourceReload) replaces a source's definition while runs read theirs.
    private final Map<String, MappingDefinition> mappings = new ConcurrentSkipListMap<>();
    private final Map<String, RecordMapper> mappers = new ConcurrentHashMap<>();
    private final Map<String, PageReader> readers = new ConcurrentHashMap<>();
    private final Map<String, Pager> pagers = new ConcurrentHashMap<>();
    private final SyncProperties properties;
    private final Environment environment;
    private final Clock clock;
    private final PlatformAddresses addresses;
    private final RecordValidator validator;

    SourceCatalog(SyncProperties properties, Environment environment, Clock clock, PlatformAddresses addresses) {
        this.properties = properties;
        this.environment = environment;
        this.clock = clock;
        this.addresses = addresses;
        var validation = properties.validation();
        this.validator = new RecordValidator(validation.maxHours(), validation.earliestCompletion(),
                validation.lastCreditYear(), clock);
        List<MappingDefinition> all = loader().loadAll(properties.mappingsDir());
        for (MappingDefinition mapping : all) {
            checkAddress(mapping);
            put(mapping);
        }
    }

    /** The loader the catalog reads its files with: placeholders resolved as for a request. */
    public MappingLoader loader() {
        return new MappingLoader(environment::resolveRequiredPlaceholders);
    }

    /** A string of a mapping with its ${...} placeholders resolved, as a request resolves them. */
    public String resolve(String text) {
        return environment.resolveRequiredPlaceholders(text);
    }

    /** An address off the allow-list stops start-up (or a reload) naming the mapping. */
    public void checkAddress(MappingDefinition mapping) {
        addresses.check(environment.resolveRequiredPlaceholders(mapping.request().baseUrl()),
                "mappings/" + mapping.id() + ".mapping.yaml request.baseUrl");
    }

    /**
     * How the pull reads a source's pages: the same parts for a running source and for a mapping
     * tried in the workbench, so what the workbench shows is what a sync would do.
     */
    public record Parts(RecordMapper mapper, PageReader reader, Pager pager) {
    }

    public Parts parts(MappingDefinition mapping) {
        return new Parts(new RecordMapper(mapping, properties.validation().hoursPerCredit(), validator),
                new PageReader(mapping), Pager.of(mapping.request().paging(), clock));
    }

    /** Takes up a source's (new or changed) definition; runs that start from now on read it. */
    void put(MappingDefinition mapping) {
        Parts parts = parts(mapping);
        mappers.put(mapping.id(), parts.mapper());
        readers.put(mapping.id(), parts.reader());
        pagers.put(mapping.id(), parts.pager());
        mappings.put(mapping.id(), mapping);
    }

    public Collection<MappingDefinition> all() {
        return mappings.values();
    }

    public List<String> ids() {
        return List.copyOf(mappings.keySet());
    }

    public Optional<MappingDefinition> find(String sourceId) {
        return Optional.ofNullable(mappings.get(sourceId));
    }

    public MappingDefinition get(String sourceId) {
        return find(sourceId).orElseThrow(() -> new IllegalArgumentException("no source " + sourceId));
    }

    public RecordMapper mapper(String sourceId) {
        return mappers.get(sourceId);
    }

    PageReader reader(String sourceId) {
        return readers.get(sourceId);
    }

    Pager pager(String sourceId) {
        return pagers.get(sourceId);
    }
}
