import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Installation-wide values generated at first start (e.g. the app secret), shared by all instances. */
@Entity('app_settings')
export class AppSetting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;
}
